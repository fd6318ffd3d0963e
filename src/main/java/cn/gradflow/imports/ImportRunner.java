package cn.gradflow.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.gradflow.jobs.JobContext;
import cn.gradflow.jobs.JobOutcome;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;

/**
 * The passes an import makes over its sheet, streamed chunk by chunk. Pass 1 checks every row and
 * records only the problems; with {@code all-or-nothing} (the default) one problem ends the job ROLLED_BACK
 * having written nothing. Pass 2 checks again and writes the good rows, all in one transaction: a crash,
 * a row the first pass did not see fail, or anything thrown rolls the whole import back. A kind whose
 * {@link ImportKind#onePass()} holds is read once instead (see {@link #onePass}).
 */
@Component
class ImportRunner {

    static final String MODE = "mode";
    static final String ALL_OR_NOTHING = "all-or-nothing";
    static final String VALID_ROWS = "valid-rows";
    /** Rows checked and written together: one look-up per kind of reference and one JDBC batch per chunk. */
    private static final int CHUNK = 1_000;

    private final TransactionTemplate tx;
    private final UnitScope unitScope;
    private final CurrentUser currentUser;

    ImportRunner(PlatformTransactionManager transactions, UnitScope unitScope, CurrentUser currentUser) {
        this.tx = new TransactionTemplate(transactions);
        this.unitScope = unitScope;
        this.currentUser = currentUser;
    }

    JobOutcome run(ImportKind kind, JobContext ctx) throws IOException {
        boolean validRows = VALID_ROWS.equals(ctx.params().get(MODE));
        if (kind.hqOnly() && !unitScope.isHqOrAdmin()) {
            throw new ImportRefused("只有总部可以导入" + kind.label());
        }
        ImportScope scope = new ImportScope(CurrentUser.isAdmin(currentUser.groupIds()), unitScope.coveredUnits());
        Path file = copy(ctx);
        try (SheetReader sheet = SheetReader.open(file)) {
            if (kind.onePass()) {
                return onePass(sheet, kind, scope, validRows, ctx);
            }
            Problems problems = new Problems(kind.headers(), ctx::item);
            long[] rows = {0};
            boolean headersOk = pass(sheet, kind, kind.start(scope), problems, chunk -> {
                rows[0] += chunk.size();
                ctx.progress(rows[0], 0);
            }, null, false);
            if (!headersOk) {
                return JobOutcome.rolledBack("表头不符，整个文件未导入：第 1 行应为「" + String.join(" ", kind.headers()) + "」");
            }
            ctx.total(rows[0]);
            ctx.count("rows", rows[0]);
            ctx.count("invalid", problems.badRows());
            ctx.count("valid", rows[0] - problems.badRows());
            if (problems.badRows() > 0 && !validRows) {
                return JobOutcome.rolledBack("有 " + problems.badRows() + " 行有误，未导入任何数据（全部或全不）；"
                        + "改正后重新导入，或用 mode=valid-rows 只导入无误的行");
            }
            Tally tally = new Tally();
            if (rows[0] > problems.badRows()) {
                tx.executeWithoutResult(status -> apply(sheet, kind, scope, problems, tally, ctx));
                kind.afterCommit();
            }
            return done(ctx, rows[0], problems, tally);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static JobOutcome done(JobContext ctx, long rows, Problems problems, Tally tally) {
        ctx.count("created", tally.created);
        ctx.count("updated", tally.updated);
        ctx.count("unchanged", tally.unchanged);
        ctx.progress(rows, tally.applied());
        return JobOutcome.done("已导入 " + tally.applied() + " 行（新增 " + tally.created + "，更新 " + tally.updated
                + "，未变 " + tally.unchanged + "）" + (problems.badRows() > 0 ? "；有误未导入 " + problems.badRows() + " 行" : ""));
    }

    /**
     * One read of the sheet, all in one transaction: each chunk is checked and its good rows written at once
     * (the sheet is parsed once, each chunk's look-ups serve both). With {@code all-or-nothing} the first
     * problem stops the writing, the rest of the sheet is only checked (every problem still reported), and
     * the transaction is rolled back: nothing is half-applied, as with two passes. The kind's checks see the
     * rows of earlier chunks written, as pass 2 always did.
     */
    private JobOutcome onePass(SheetReader sheet, ImportKind kind, ImportScope scope, boolean validRows, JobContext ctx) {
        Problems problems = new Problems(kind.headers(), ctx::item);
        Tally tally = new Tally();
        long[] rows = {0};
        boolean[] headersOk = {false};
        boolean committed = Boolean.TRUE.equals(tx.execute(status -> {
            headersOk[0] = pass(sheet, kind, kind.start(scope), problems, chunk -> {
                rows[0] += chunk.size();
                ctx.progress(rows[0], tally.applied());
            }, tally, !validRows);
            if (!headersOk[0] || (problems.badRows() > 0 && !validRows)) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        }));
        if (!headersOk[0]) {
            return JobOutcome.rolledBack("表头不符，整个文件未导入：第 1 行应为「" + String.join(" ", kind.headers()) + "」");
        }
        ctx.total(rows[0]);
        ctx.count("rows", rows[0]);
        ctx.count("invalid", problems.badRows());
        ctx.count("valid", rows[0] - problems.badRows());
        if (!committed) {
            return JobOutcome.rolledBack("有 " + problems.badRows() + " 行有误，未导入任何数据（全部或全不）；"
                    + "改正后重新导入，或用 mode=valid-rows 只导入无误的行");
        }
        if (tally.applied() > 0) {
            kind.afterCommit();
        }
        return done(ctx, rows[0], problems, tally);
    }

    /** Pass 2, inside the transaction: the same checks, problems not reported again, good rows written. */
    private void apply(SheetReader sheet, ImportKind kind, ImportScope scope, Problems first, Tally tally, JobContext ctx) {
        Problems again = first.again();
        long[] processed = {0};
        pass(sheet, kind, kind.start(scope), again, chunk -> {
            processed[0] += chunk.size();
            ctx.progress(processed[0], tally.applied());
        }, tally, false);
        if (again.badRows() != first.badRows()) {
            // something changed between the passes (another import, an edit): apply nothing rather than what was not checked
            throw new ImportRefused("校验后数据已被其他操作改变，未导入任何数据：请重新导入");
        }
    }

    /**
     * Reads the sheet in chunks; {@code tally == null}: check only; {@code cleanOnly}: write nothing once a
     * problem is known (all-or-nothing in one pass). Returns whether the headers were right.
     */
    private boolean pass(SheetReader sheet, ImportKind kind, ImportKind.Run run, Problems problems,
                         Consumer<List<SheetRow>> afterChunk, Tally tally, boolean cleanOnly) {
        List<ImportKind.Column> columns = kind.columns();
        List<SheetRow> chunk = new ArrayList<>(CHUNK);
        boolean[] headersOk = {false};
        Consumer<List<SheetRow>> flush = rows -> {
            List<SheetRow> checkable = new ArrayList<>(rows.size());
            for (SheetRow row : rows) {
                if (cellsPresent(row, columns, problems)) {
                    checkable.add(row);
                }
            }
            run.check(checkable, problems);
            if (tally != null && !(cleanOnly && problems.badRows() > 0)) {
                run.apply(checkable.stream().filter(r -> !problems.bad(r)).toList(), tally);
            }
            afterChunk.accept(rows);
            rows.clear();
        };
        sheet.read(columns.size(), found -> {
            headersOk[0] = headersMatch(found, kind, problems);
            return headersOk[0];
        }, row -> {
            chunk.add(row);
            if (chunk.size() == CHUNK) {
                flush.accept(chunk);
            }
        });
        if (headersOk[0] && !chunk.isEmpty()) {
            flush.accept(chunk);
        }
        return headersOk[0];
    }

    /** Formulas, empty required cells and over-long texts, before any kind looks at the row. */
    private static boolean cellsPresent(SheetRow row, List<ImportKind.Column> columns, Problems problems) {
        boolean ok = true;
        for (int c = 0; c < columns.size(); c++) {
            ImportKind.Column column = columns.get(c);
            String value = row.value(c);
            if (row.formula()[c]) {
                problems.add(row, c, "FORMULA", "「" + column.header() + "」是公式：请填写值本身（公式不会被计算）");
                ok = false;
            } else if (value == null && column.required()) {
                problems.add(row, c, "EMPTY_REQUIRED", "「" + column.header() + "」不能为空");
                ok = false;
            } else if (value != null && value.length() > column.maxLength()) {
                problems.add(row, c, "TOO_LONG", "「" + column.header() + "」超过 " + column.maxLength() + " 个字符");
                ok = false;
            }
        }
        return ok;
    }

    private static boolean headersMatch(String[] found, ImportKind kind, Problems problems) {
        List<String> expected = kind.headers();
        for (int c = 0; c <= expected.size(); c++) {
            String want = c < expected.size() ? expected.get(c) : null;
            String got = found[c];
            if (want != null && got == null && kind.columns().subList(c, expected.size()).stream().noneMatch(ImportKind.Column::required)) {
                // a sheet may leave out optional columns at its end (a roster made before 考生号 was added)
                return found.length <= c + 1 || java.util.Arrays.stream(found, c, found.length).allMatch(java.util.Objects::isNull);
            }
            if (want == null ? got != null : !want.equals(got)) {
                String where = want == null ? "多出了列「" + got + "」"
                        : got == null ? "第 " + (c + 1) + " 列缺少「" + want + "」" : "第 " + (c + 1) + " 列应为「" + want + "」，实为「" + got + "」";
                problems.add(1, c < expected.size() ? c : -1, "WRONG_HEADERS", "表头不符（" + where + "）：第 1 行应依次为 " + String.join(" ", expected));
                return false;
            }
        }
        return true;
    }

    /** The upload, streamed from the database to a file only its owner reads (deleted when the job ends). */
    private static Path copy(JobContext ctx) throws IOException {
        Path file = Files.createTempFile("gradflow-import-", ".xlsx",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (InputStream in = ctx.openInput()) {
            if (in == null) {
                throw new ImportRefused("没有上传文件");
            }
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
