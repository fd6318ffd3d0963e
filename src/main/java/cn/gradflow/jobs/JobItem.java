package cn.gradflow.jobs;

/**
 * One reported row, ZIP entry or student of a job. {@code row} is the Excel row number (the header is row
 * 1) and {@code column} the header text, where the item is a workbook cell; {@code key} names the entry or
 * the student. {@code error} items are listed under {@code errors}.
 */
public record JobItem(Integer row, String column, String key, String result, String code, String message, boolean error) {

    /** A bad cell or row of a workbook. */
    public static JobItem rowError(int row, String column, String code, String message) {
        return new JobItem(row, column, null, "ERROR", code, message, true);
    }

    /** The result for one entry or student; {@code error} when it was refused. */
    public static JobItem of(String key, String result, String code, String message, boolean error) {
        return new JobItem(null, null, key, result, code, message, error);
    }
}
