package cn.gradflow.photo;

import java.util.List;

import cn.gradflow.checks.Finding;

/** What the inspector saw: the findings and, where the header could be read, the facts. */
public record PhotoInspection(List<Finding> findings, long sizeBytes, ImageFormat format, Integer width, Integer height,
                              String sha256) {

    public boolean ok() {
        return findings.stream().noneMatch(Finding::isBlocking);
    }
}
