package cn.gradflow.cases;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The pending list's last four columns as the round-trip contract reads them: one row per case. */
class PendingListRowTest {

    @ParameterizedTest(name = "{0}|{1}|{2}|{3} → {4} {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // 决定       | 学位类型 | 承诺书 | 原因     | outcome | action or column
            "申请毕业            | -      | -    | -       | Decide  | APPLY",
            "APPLY              | -      | 否   | -       | Decide  | APPLY",
            "申请毕业并申请学位    | 国开学位 | 是   | -       | Decide  | APPLY_WITH_DEGREE",
            "APPLY_WITH_DEGREE  | COOP   | 是   | -       | Decide  | APPLY_WITH_DEGREE",
            "暂缓毕业            | -      | -    | 等待学位  | Decide  | DEFER",
            "暂缓毕业            | -      | -    | -       | Bad     | 原因",
            "通过               | -      | -    | -       | Decide  | APPROVE",
            "退回               | -      | -    | 照片模糊  | Decide  | REJECT",
            "退回               | -      | -    | -       | Bad     | 原因",
            "重新提交            | -      | -    | -       | Decide  | RESUBMIT",
            "毕业               | -      | -    | -       | Bad     | 决定",
            "申请毕业并申请学位    | 双学位   | 是   | -       | Bad     | 学位类型",
            "申请毕业            | -      | 有   | -       | Bad     | 承诺书",
            "-                  | -      | -    | -       | Skipped | -",
    })
    void readsEachRowAsTheContractSays(String decision, String degree, String letter, String reason, String outcome, String detail) {
        Map<String, String> cells = new HashMap<>();
        cells.put(PendingListReader.STUDENT_NO, "9010000000001");
        putIf(cells, PendingListReader.DECISION, decision);
        putIf(cells, PendingListReader.DEGREE_TYPE, degree);
        putIf(cells, PendingListReader.LETTER, letter);
        putIf(cells, PendingListReader.REASON, reason);

        PendingListRow row = PendingListRow.parse(cells);

        assertThat(row.getClass().getSimpleName()).isEqualTo(outcome);
        if (row instanceof PendingListRow.Decide d) {
            assertThat(d.request().action().name()).isEqualTo(detail);
            assertThat(d.request().commitmentLetter()).isEqualTo("是".equals(letter));
            assertThat(d.studentNo()).isEqualTo("9010000000001");
        } else if (row instanceof PendingListRow.Bad b) {
            assertThat(b.column()).isEqualTo(detail);
            assertThat(b.message()).containsPattern("\\p{IsHan}");
        }
    }

    private static void putIf(Map<String, String> cells, String header, String value) {
        if (value != null) {
            cells.put(header, value);
        }
    }
}
