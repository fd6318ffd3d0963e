package cn.gradflow.imports;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import cn.gradflow.jobs.JobContext;
import cn.gradflow.jobs.JobItem;

/** A job context that keeps what the work reports, for running an import's work without the job tables. */
final class RecordingJob implements JobContext {

    final List<JobItem> items = new ArrayList<>();
    final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, String> params;
    private final Supplier<InputStream> input;
    private final long size;
    long total;
    long processed;
    long applied;

    RecordingJob(Map<String, String> params, byte[] upload) {
        this(params, () -> new ByteArrayInputStream(upload), upload.length);
    }

    RecordingJob(Map<String, String> params, Supplier<InputStream> input, long size) {
        this.params = params;
        this.input = input;
        this.size = size;
    }

    @Override
    public String jobId() {
        return "test";
    }

    @Override
    public String ownerId() {
        return "test";
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public InputStream openInput() {
        return input.get();
    }

    @Override
    public long inputSize() {
        return size;
    }

    @Override
    public void total(long total) {
        this.total = total;
    }

    @Override
    public void progress(long processed, long applied) {
        this.processed = processed;
        this.applied = applied;
    }

    @Override
    public void count(String name, long value) {
        counts.put(name, value);
    }

    @Override
    public void item(JobItem item) {
        items.add(item);
    }

    @Override
    public Set<String> recordedKeys() {
        return new HashSet<>();
    }
}
