package cn.gradflow.imports;

import java.util.List;

import cn.gradflow.jobs.JobContext;
import cn.gradflow.jobs.JobOutcome;
import cn.gradflow.jobs.JobWork;

/**
 * One kind of workbook ({@code POST /api/imports/{path}}): its headers, who may import it, and a fresh
 * {@link Run} per pass that checks rows and writes the good ones. The two passes themselves are
 * {@link ImportRunner}'s, the same for every kind.
 */
abstract class ImportKind implements JobWork {

    /** A header, and whether an empty cell under it is an error before anything else is checked. */
    record Column(String header, boolean required, int maxLength) {
        static Column required(String header, int maxLength) {
            return new Column(header, true, maxLength);
        }

        static Column optional(String header, int maxLength) {
            return new Column(header, false, maxLength);
        }
    }

    private final ImportRunner runner;

    ImportKind(ImportRunner runner) {
        this.runner = runner;
    }

    /** The path segment, e.g. {@code students}. */
    abstract String path();

    /** What the kind is called in messages, e.g. 学生. */
    abstract String label();

    abstract List<Column> columns();

    /** Units, staff, majors, CHSI feedback hold nationwide: HQ and admins only. */
    abstract boolean hqOnly();

    abstract Run start(ImportScope scope);

    /**
     * Read once (check and write each chunk together) instead of checking the whole sheet first: for a kind whose
     * checks judge each row against the database as it was before the import (the kind remembers what its own
     * earlier chunks changed), so one pass reports what two would. The students' import (issue 13's 100,000 rows).
     */
    boolean onePass() {
        return false;
    }

    /** After the one transaction committed (new units get their Camunda groups). */
    void afterCommit() {
    }

    List<String> headers() {
        return columns().stream().map(Column::header).toList();
    }

    @Override
    public String kind() {
        return "import-" + path();
    }

    @Override
    public JobOutcome run(JobContext ctx) throws Exception {
        return runner.run(this, ctx);
    }

    /**
     * One pass over the file. {@link #check} sees every row whose required cells are present and free of
     * formulas, in file order and in chunks, and may remember across chunks (duplicates); {@link #apply}
     * gets the rows of the chunk just checked that have no problem, inside the import's transaction.
     */
    interface Run {
        void check(List<SheetRow> rows, Problems problems);

        void apply(List<SheetRow> rows, Tally tally);
    }
}
