package cn.gradflow.imports;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import cn.gradflow.jobs.JobItem;

/**
 * The bad cells of one pass: each goes to the job as an error item (row, header text, code, Chinese message);
 * only the numbers of bad rows are kept, not the rows.
 */
final class Problems {

    private final List<String> headers;
    private final Consumer<JobItem> report;
    private final Set<Integer> badRows = new HashSet<>();

    Problems(List<String> headers, Consumer<JobItem> report) {
        this.headers = headers;
        this.report = report;
    }

    /** The second pass: the rows the first found bad stay bad, whatever the second finds of them. */
    Problems again() {
        Problems again = new Problems(headers, item -> { });
        again.badRows.addAll(badRows);
        return again;
    }

    void add(SheetRow row, int column, String code, String message) {
        add(row.number(), column, code, message);
    }

    void add(int rowNumber, int column, String code, String message) {
        badRows.add(rowNumber);
        report.accept(JobItem.rowError(rowNumber, column < 0 ? null : headers.get(column), code, message));
    }

    boolean bad(SheetRow row) {
        return badRows.contains(row.number());
    }

    int badRows() {
        return badRows.size();
    }
}
