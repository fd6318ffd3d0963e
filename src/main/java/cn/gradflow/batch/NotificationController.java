package cn.gradflow.batch;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.gradflow.security.CurrentUser;

/** A unit's notices and deadline reminders, newest first: those of the user's own units. */
@RestController
class NotificationController {

    private final NotificationRepository notifications;
    private final CurrentUser currentUser;

    NotificationController(NotificationRepository notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/notifications")
    List<NotificationRepository.Notification> mine() {
        return notifications.forUnits(currentUser.groupIds(), 100);
    }
}
