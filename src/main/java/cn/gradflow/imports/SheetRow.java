package cn.gradflow.imports;

/**
 * One data row of the first sheet, as many cells as the kind has headers: trimmed text, {@code null} when
 * empty. A real date cell arrives as {@code yyyy-MM-dd}, a number as its plain decimal. {@code formula}
 * marks the cells that held a formula: refused, never evaluated, and their cached value is dropped.
 */
record SheetRow(int number, String[] values, boolean[] formula) {

    String value(int column) {
        return values[column];
    }

    boolean blank() {
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null || formula[c]) {
                return false;
            }
        }
        return true;
    }
}
