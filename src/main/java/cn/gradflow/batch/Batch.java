package cn.gradflow.batch;

import java.time.LocalDate;

import cn.gradflow.roster.Term;

/** A graduation batch (R-BA-01) with its grade cut-off (R-BA-02) and certificate date (R-BA-05). */
public record Batch(String code, String name, LocalDate gradeCutoff, LocalDate certificateIssueDate) {

    public Term term() {
        return Term.parse(code);
    }
}
