package cn.gradflow.admission;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** 考生号 (candidate number, {@code student.candidate_no}, V62): admission photos are named by it (R-ID-05). */
@Repository
public class CandidateNumbers {

    private final JdbcClient jdbc;
    /** Batches: JdbcClient has none. */
    private final JdbcTemplate batch;

    CandidateNumbers(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public Optional<String> of(String studentNo) {
        return jdbc.sql("SELECT candidate_no FROM student WHERE student_no = ? AND candidate_no IS NOT NULL").param(studentNo)
                .query(String.class).optional();
    }

    /** The student a candidate number belongs to. */
    public Optional<String> studentOf(String candidateNo) {
        return jdbc.sql("SELECT student_no FROM student WHERE candidate_no = ?").param(candidateNo).query(String.class).optional();
    }

    /** Many at once, student number → 考生号 (the student import's chunk): one JDBC batch. */
    public void set(List<Map.Entry<String, String>> numbers) {
        if (!numbers.isEmpty()) {
            batch.batchUpdate("UPDATE student SET candidate_no = ? WHERE student_no = ?",
                    numbers.stream().map(e -> new Object[] {e.getValue(), e.getKey()}).toList());
        }
    }

    /** Sets or clears it; the unique index refuses a number another student holds. */
    public void set(String studentNo, String candidateNo) {
        jdbc.sql("UPDATE student SET candidate_no = ? WHERE student_no = ?").params(candidateNo, studentNo).update();
    }
}
