package cn.gradflow.common;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: rows read ahead for a bulk decision's chunk answer only within its transaction, and not after a write. */
class ReadAheadTest {

    @Test
    void keptForTheTransactionOnlyAndForgottenAfterAWrite() {
        ReadAhead<String, Integer> ahead = new ReadAhead<>();
        ahead.keep(Map.of("a", 1));
        assertThat(ahead.get("a")).as("outside a transaction nothing is kept").isNull();

        TransactionSynchronizationManager.initSynchronization();
        try {
            ahead.keep(Map.of("a", 1, "b", 2));
            ahead.keep(Map.of("c", 3)); // a second read in the same transaction adds to the first
            assertThat(ahead.get("a")).isEqualTo(1);
            assertThat(ahead.get("c")).isEqualTo(3);
            assertThat(new ReadAhead<String, Integer>().get("a")).as("another reader's rows are its own").isNull();

            ahead.forget("a");
            assertThat(ahead.get("a")).as("written: read afresh").isNull();
            assertThat(ahead.get("b")).isEqualTo(2);

            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
            assertThat(ahead.get("b")).as("the transaction ended").isNull();
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }
}
