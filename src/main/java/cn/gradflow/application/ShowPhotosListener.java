package cn.gradflow.application;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import cn.gradflow.photo.PhotoRepository;
import cn.gradflow.photo.PhotoRepository.Kind;

import static cn.gradflow.application.ApplicationProcess.*;

/**
 * On entering the branch review (R-PH-03, R-ID-04): tells its form which of the student's photos GradFlow
 * holds, so it shows those side by side and offers 无可比对照片 where one is missing. Only for display: the
 * completion checks the photos again ({@link RecordDecisionListener}).
 */
@Component("showPhotos")
class ShowPhotosListener implements ExecutionListener {

    private final PhotoRepository photos;

    ShowPhotosListener(PhotoRepository photos) {
        this.photos = photos;
    }

    @Override
    public void notify(DelegateExecution execution) {
        PHOTOS_STORED.set(execution, photosStored(photos.kinds(STUDENT_NO.require(execution))));
    }

    /**
     * The value of {@code photosStored}: the kinds' Chinese labels in their declared order, joined by 「、」 — Cockpit
     * shows the variable to branch staff as it is, so no English names in it.
     */
    static String photosStored(Set<Kind> stored) {
        return java.util.Arrays.stream(Kind.values()).filter(stored::contains).map(Kind::label)
                .collect(java.util.stream.Collectors.joining(SEPARATOR));
    }

    private static final String SEPARATOR = "、";

    /** Whether {@code photosStored} (the variable's value, null where unset) names the kind. */
    static boolean stored(Object photosStored, Kind kind) {
        return photosStored instanceof String labels && java.util.List.of(labels.split(SEPARATOR)).contains(kind.label());
    }
}
