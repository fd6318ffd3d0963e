package cn.gradflow.batch;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.common.Page;
import cn.gradflow.security.CurrentUser;
import cn.gradflow.security.UnitScope;
import cn.gradflow.web.ApiException;

/** A unit's notices and deadline reminders, newest first: those of the user's own units; the students a notice names, paged. */
@RestController
class NotificationController {

    private final NotificationRepository notifications;
    private final CurrentUser currentUser;
    private final UnitScope scope;

    NotificationController(NotificationRepository notifications, CurrentUser currentUser, UnitScope scope) {
        this.notifications = notifications;
        this.currentUser = currentUser;
        this.scope = scope;
    }

    @GetMapping("/api/notifications")
    List<NotificationRepository.Notification> mine() {
        return notifications.forUnits(currentUser.groupIds(), 100);
    }

    @GetMapping("/api/notifications/{id}/students")
    Page<NotificationRepository.ListedStudent> students(@PathVariable long id, @RequestParam(required = false) Integer page,
                                                        @RequestParam(required = false) Integer size) {
        Page.Request request = Page.Request.of(page, size);
        NotificationRepository.Notification notice = notifications.find(id).filter(n -> scope.coversUnit(n.unitCode()))
                .orElseThrow(() -> ApiException.notFound("通知不存在：" + id));
        return Page.of(request, notice.studentCount(), notifications.students(id, request.offset(), request.size()));
    }
}
