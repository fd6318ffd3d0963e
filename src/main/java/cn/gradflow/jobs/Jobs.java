package cn.gradflow.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gradflow.common.SchoolClock;
import cn.gradflow.security.AsSystem;
import cn.gradflow.security.CurrentUser;
import jakarta.annotation.PreDestroy;

/**
 * Long work in the background (issue 12): a job is a row, its upload is rows, its results are rows. A
 * poller on every node claims queued jobs, and running jobs whose node stopped beating (the process died,
 * the machine restarted): such a job runs again — from where it stopped when its work is resumable,
 * otherwise from the start, its own earlier results deleted; the work's transactions guarantee that an
 * interrupted run applied nothing or only whole items. In {@code inline} mode (tests) a job runs in the
 * submitting thread before {@link #submit} returns.
 */
@Service
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    static final int CHUNK_BYTES = 1 << 20;

    private final JobRepository repo;
    private final TransactionTemplate ownTx;
    private final SchoolClock clock;
    private final IdentityService identity;
    private final CurrentUser currentUser;
    private final AsSystem asSystem;
    private final Map<String, JobWork> works;
    private final ObjectMapper json = new ObjectMapper();
    private final boolean inline;
    private final int threads;
    private final Duration poll;
    private final Duration stale;
    private final int maxAttempts;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService poller;
    private ExecutorService workers;
    private Semaphore slots;

    Jobs(JobRepository repo, PlatformTransactionManager transactions, SchoolClock clock, IdentityService identity,
         CurrentUser currentUser, AsSystem asSystem, List<JobWork> works,
         @Value("${gradflow.jobs.mode:background}") String mode,
         @Value("${gradflow.jobs.threads:1}") int threads,
         @Value("${gradflow.jobs.poll:PT2S}") Duration poll,
         @Value("${gradflow.jobs.stale-after:PT1M}") Duration stale,
         @Value("${gradflow.jobs.max-attempts:3}") int maxAttempts) {
        this.repo = repo;
        this.ownTx = new TransactionTemplate(transactions);
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.identity = identity;
        this.currentUser = currentUser;
        this.asSystem = asSystem;
        this.works = works.stream().collect(Collectors.toMap(JobWork::kind, Function.identity()));
        this.inline = "inline".equals(mode);
        this.threads = Math.max(1, threads);
        this.poll = poll;
        this.stale = stale;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Stores the upload in the database and queues the job as the current user; returns its id. The job's
     * kind must be a {@link JobWork} bean's; parameters are a few short values (at most 4,000 characters as JSON).
     */
    public String submit(String kind, Map<String, String> params, InputStream uploadOrNull) {
        if (!works.containsKey(kind)) {
            throw new IllegalArgumentException("no job work of kind " + kind);
        }
        String paramsJson;
        try {
            paramsJson = json.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        if (paramsJson.length() > 4000) {
            throw new IllegalArgumentException("job parameters over 4,000 characters");
        }
        String id = UUID.randomUUID().toString();
        String owner = currentUser.id();
        ownTx.executeWithoutResult(status -> {
            repo.insert(id, kind, owner, paramsJson, clock.timestamp());
            if (uploadOrNull != null) {
                repo.inputSize(id, store(id, uploadOrNull));
            }
        });
        if (inline) {
            if (claim(id)) {
                run(id);
            }
        } else if (poller != null) {
            poller.execute(this::pollOnce);
        }
        return id;
    }

    private long store(String id, InputStream upload) {
        long size = 0;
        int seq = 0;
        try (upload) {
            byte[] chunk;
            while ((chunk = upload.readNBytes(CHUNK_BYTES)).length > 0) {
                repo.insertChunk(id, seq++, chunk);
                size += chunk.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
        return size;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (inline) {
            return;
        }
        workers = Executors.newFixedThreadPool(threads, r -> daemon(r, "gradflow-job"));
        slots = new Semaphore(threads);
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gradflow-job-poller"));
        poller.scheduleWithFixedDelay(this::pollOnce, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Background jobs on node {} with {} thread(s)", node, threads);
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.shutdownNow();
            workers.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Beats for the jobs running here, then hands claimable jobs to free worker threads. */
    void pollOnce() {
        try {
            Timestamp now = clock.timestamp();
            for (String id : runningHere) {
                repo.heartbeat(id, node, now);
            }
            while (slots.tryAcquire()) {
                String claimed = null;
                for (String id : repo.claimable(staleBefore(), threads)) {
                    if (claim(id)) {
                        claimed = id;
                        break;
                    }
                }
                if (claimed == null) {
                    slots.release();
                    return;
                }
                String id = claimed;
                workers.execute(() -> {
                    try {
                        run(id);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("Polling background jobs failed; next poll retries", e);
        }
    }

    /** Claims and runs every claimable job in this thread: what the poller does, for tests and operators. */
    public int runClaimable() {
        int ran = 0;
        for (String id : repo.claimable(staleBefore(), Integer.MAX_VALUE)) {
            if (claim(id)) {
                run(id);
                ran++;
            }
        }
        return ran;
    }

    private Timestamp staleBefore() {
        return Timestamp.valueOf(clock.now().minus(stale));
    }

    private boolean claim(String id) {
        return Boolean.TRUE.equals(ownTx.execute(s -> repo.claim(id, node, clock.timestamp(), staleBefore())));
    }

    private void run(String id) {
        JobRepository.JobRow job = repo.find(id).orElseThrow();
        JobWork work = works.get(job.kind());
        if (work == null || job.attempts() > maxAttempts) {
            finish(id, JobState.FAILED, work == null ? "本节点不认识该任务类型：" + job.kind()
                    : "任务已中断 " + maxAttempts + " 次仍未完成，已停止；请联系运维人员");
            return;
        }
        if (job.attempts() > 1 && !work.resumable()) {
            ownTx.executeWithoutResult(s -> repo.clearResults(id));
        }
        Context ctx = new Context(job);
        Authentication caller = identity.getCurrentAuthentication();
        runningHere.add(id);
        try {
            List<String> groups = asSystem.call(() -> identity.createGroupQuery().groupMember(job.ownerId()).list())
                    .stream().map(Group::getId).toList();
            identity.setAuthentication(job.ownerId(), groups);
            JobOutcome outcome = work.run(ctx);
            ctx.flush();
            finish(id, outcome.state(), outcome.message());
        } catch (Exception | LinkageError | AssertionError e) {
            String errorId = UUID.randomUUID().toString().substring(0, 8);
            log.error("Job {} ({}) failed, error id {}", id, job.kind(), errorId, e);
            try {
                ctx.flush();
            } catch (RuntimeException flushFailure) {
                log.warn("Job {}: its last results could not be written", id, flushFailure);
            }
            finish(id, JobState.FAILED, failureMessage(e, errorId));
        } finally {
            runningHere.remove(id);
            identity.clearAuthentication();
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    /** A work's own Chinese reason is shown; anything else says only that it failed, with the id of the log entry. */
    static String failureMessage(Throwable e, String errorId) {
        String message = e.getMessage();
        if (e instanceof JobFailure || (message != null && message.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                && !message.contains("SQL") && !message.contains("Exception"))) {
            return message;
        }
        return "任务执行失败，未作任何更改；请联系运维人员（错误号 " + errorId + "）";
    }

    private void finish(String id, JobState state, String message) {
        if (!Boolean.TRUE.equals(ownTx.execute(s -> repo.finish(id, node, state, JobRepository.cut(message, 1000), clock.timestamp())))) {
            log.warn("Job {} was taken over by another node; this node's end ({}) is not recorded", id, state);
        }
    }

    /** This node lost the job to another node (it stalled past stale-after); the other node's run counts. */
    static final class TakenOver extends IllegalStateException {
        TakenOver(String id) {
            super("Job " + id + " was taken over by another node");
        }
    }

    private final class Context implements JobContext {

        private static final int ITEMS_PER_WRITE = 200;
        private static final long NANOS_PER_WRITE = TimeUnit.SECONDS.toNanos(1);

        private final JobRepository.JobRow job;
        private final Map<String, String> params;
        private final List<JobItem> pending = new java.util.ArrayList<>();
        private final Map<String, Long> pendingCounts = new java.util.LinkedHashMap<>();
        private final Map<String, Long> recordedCounts;
        private long nextSeq;
        private long total;
        private long processed;
        private long applied;
        private boolean progressChanged;
        private long lastWrite = System.nanoTime();

        Context(JobRepository.JobRow job) {
            this.job = job;
            try {
                this.params = Map.copyOf(json.readValue(job.params(), new TypeReference<Map<String, String>>() { }));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            this.nextSeq = repo.nextSeq(job.id());
            this.total = job.total();
            this.recordedCounts = Map.copyOf(repo.counts(job.id()));
            this.processed = nextSeq == 0 ? 0 : job.processed();
            this.applied = nextSeq == 0 ? 0 : job.applied();
        }

        @Override
        public Map<String, Long> recordedCounts() {
            return recordedCounts;
        }

        @Override
        public long[] recordedProgress() {
            return new long[] {processed, applied};
        }

        @Override
        public String jobId() {
            return job.id();
        }

        @Override
        public String ownerId() {
            return job.ownerId();
        }

        @Override
        public Map<String, String> params() {
            return params;
        }

        @Override
        public InputStream openInput() {
            return job.inputSize() == 0 ? null : repo.input(job.id());
        }

        @Override
        public long inputSize() {
            return job.inputSize();
        }

        @Override
        public void total(long total) {
            this.total = total;
            progressChanged = true;
            maybeFlush();
        }

        @Override
        public void progress(long processed, long applied) {
            this.processed = processed;
            this.applied = applied;
            progressChanged = true;
            maybeFlush();
        }

        @Override
        public void count(String name, long value) {
            pendingCounts.put(name, value);
            maybeFlush();
        }

        @Override
        public void item(JobItem item) {
            pending.add(item);
            maybeFlush();
        }

        @Override
        public Set<String> recordedKeys() {
            flush();
            return new HashSet<>(repo.keys(job.id()));
        }

        private void maybeFlush() {
            if (pending.size() >= ITEMS_PER_WRITE || System.nanoTime() - lastWrite > NANOS_PER_WRITE) {
                flush();
            }
        }

        void flush() {
            lastWrite = System.nanoTime();
            if (pending.isEmpty() && pendingCounts.isEmpty() && !progressChanged) {
                return;
            }
            List<JobItem> items = List.copyOf(pending);
            Map<String, Long> counts = Map.copyOf(pendingCounts);
            long first = nextSeq;
            ownTx.executeWithoutResult(s -> {
                // the job's row first: the poller's heartbeat then waits for this write instead of deadlocking with
                // it (an item's insert took a shared lock on the job's row through its foreign key, then the
                // progress wanted it exclusively while the heartbeat queued for it; seen on MariaDB, issue 13)
                if (!repo.progress(job.id(), node, total, processed, applied, clock.timestamp())) {
                    // fencing: a node that was stalled past stale-after lost the job; its writes roll back here
                    throw new TakenOver(job.id());
                }
                if (!items.isEmpty()) {
                    repo.insertItems(job.id(), first, items);
                }
                counts.forEach((name, value) -> repo.putCount(job.id(), name, value));
            });
            nextSeq += items.size();
            pending.clear();
            pendingCounts.clear();
            progressChanged = false;
        }
    }
}
