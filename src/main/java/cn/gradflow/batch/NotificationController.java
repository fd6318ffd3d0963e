package cn.gradflow.batch;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A unit's notices and deadline reminders, newest first: those of the user's own units. */
@RestController
class NotificationController {

    private final NotificationRepository notifications;
    private final IdentityService identity;

    NotificationController(NotificationRepository notifications, IdentityService identity) {
        this.notifications = notifications;
        this.identity = identity;
    }

    @GetMapping("/api/notifications")
    List<NotificationRepository.Notification> mine() {
        Authentication auth = identity.getCurrentAuthentication();
        return notifications.forUnits(auth == null || auth.getGroupIds() == null ? List.of() : auth.getGroupIds(), 100);
    }
}
