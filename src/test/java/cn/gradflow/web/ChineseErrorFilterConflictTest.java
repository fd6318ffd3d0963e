package cn.gradflow.web;

import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the engine REST answers a completion that lost to another node's with 500 {@code RestException}, the
 * cause only in Camunda's error code; such a 500 is a conflict for the user (409), any other 500 stays a fault.
 */
class ChineseErrorFilterConflictTest {

    @Test
    void engineCodesOfOptimisticLockingAndDeadlockAreConflicts() {
        assertThat(ChineseErrorFilter.conflict("RestException", BuiltinExceptionCode.OPTIMISTIC_LOCKING.getCode()))
                .isEqualTo(ApiExceptionHandler.CONCURRENT_CHANGE);
        assertThat(ChineseErrorFilter.conflict("RestException", BuiltinExceptionCode.DEADLOCK.getCode()))
                .isEqualTo(ApiExceptionHandler.CONCURRENT_CHANGE);
        assertThat(ChineseErrorFilter.conflict("OptimisticLockingException", -1)).isEqualTo(ApiExceptionHandler.CONCURRENT_CHANGE);
        assertThat(ChineseErrorFilter.conflict("TaskAlreadyClaimedException", -1)).isEqualTo("该任务已被他人认领，请刷新任务列表");
        assertThat(ChineseErrorFilter.conflict("RestException", BuiltinExceptionCode.FALLBACK.getCode())).isNull();
        assertThat(ChineseErrorFilter.conflict("RestException", BuiltinExceptionCode.FOREIGN_KEY_CONSTRAINT_VIOLATION.getCode())).isNull();
        assertThat(ChineseErrorFilter.conflict(null, -1)).isNull();
    }
}
