package cn.gradflow.selfstudy;

import java.time.LocalDateTime;

/** A session's calendar ({@code ss_session}): every deadline and window of the notice, local time in Asia/Shanghai. */
public record SelfStudySession(String code, String name, String provinceOffice, LocalDateTime prerequisitesDue,
                               LocalDateTime priorDegreeDue, LocalDateTime applyOpens, LocalDateTime applyCloses,
                               LocalDateTime onsiteOpens, LocalDateTime onsiteCloses, LocalDateTime freshCertificateDue,
                               LocalDateTime certificatesFrom) {
}
