package cn.gradflow.photo.zip;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.gradflow.jobs.JobContext;
import cn.gradflow.jobs.JobItem;
import cn.gradflow.jobs.JobOutcome;
import cn.gradflow.jobs.JobWork;

/**
 * A photo ZIP as a job: each entry reported under {@code entries}. Not resumable: a run interrupted by a
 * crash runs again from the start, which saves the same bytes again (each save is whole), and the
 * archive-wide limits are checked again before anything is saved.
 */
@Component
class PhotoImportWork implements JobWork {

    static final String KIND = "photo-import";

    private final PhotoZipImport importer;

    PhotoImportWork(PhotoZipImport importer) {
        this.importer = importer;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String itemsName() {
        return "entries";
    }

    @Override
    public String keyName() {
        return "entry";
    }

    @Override
    public JobOutcome run(JobContext ctx) throws Exception {
        PhotoZipImport.Type type = PhotoZipImport.Type.valueOf(ctx.params().get("type"));
        boolean overwrite = Boolean.parseBoolean(ctx.params().get("overwrite"));
        Map<PhotoZipImport.Result, Long> counts = new EnumMap<>(PhotoZipImport.Result.class);
        for (PhotoZipImport.Result r : PhotoZipImport.Result.values()) {
            counts.put(r, 0L);
        }
        long[] processed = {0};
        try {
            importer.run(ctx::openInput, ctx.inputSize(), type, overwrite, new PhotoZipImport.Sink() {
                @Override
                public void total(int entries) {
                    ctx.total(entries);
                }

                @Override
                public void entry(PhotoZipImport.EntryResult r) {
                    ctx.item(JobItem.of(r.entry(), r.result().name(), r.code(), r.message(),
                            r.result() == PhotoZipImport.Result.REFUSED));
                    counts.merge(r.result(), 1L, Long::sum);
                    ctx.count(r.result().name().toLowerCase(java.util.Locale.ROOT), counts.get(r.result()));
                    ctx.progress(++processed[0], counts.get(PhotoZipImport.Result.SAVED));
                }
            });
        } catch (PhotoArchive.RefusedException refused) {
            return JobOutcome.rolledBack(refused.getMessage());
        }
        return JobOutcome.done("共 " + processed[0] + " 个条目：保存 " + counts.get(PhotoZipImport.Result.SAVED) + "，拒绝 "
                + counts.get(PhotoZipImport.Result.REFUSED) + "，跳过 " + counts.get(PhotoZipImport.Result.SKIPPED));
    }
}
