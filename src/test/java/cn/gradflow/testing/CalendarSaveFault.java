package cn.gradflow.testing;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.gradflow.batch.CalendarSaved;

/**
 * Tests only: fails the calendar save of the armed branch after the row and the batch process are
 * written (ordered after BatchFlow), so a test can see that nothing of the save remains.
 */
@Component
public class CalendarSaveFault {

    private static final AtomicReference<String> ARMED = new AtomicReference<>();

    public static void arm(String branchCode) {
        ARMED.set(branchCode);
    }

    public static void disarm() {
        ARMED.set(null);
    }

    @EventListener
    @Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
    void failIfArmed(CalendarSaved saved) {
        if (saved.branchCode().equals(ARMED.get())) {
            throw new IllegalStateException("测试：日历保存在最后一步失败");
        }
    }
}
