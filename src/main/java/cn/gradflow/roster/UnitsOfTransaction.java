package cn.gradflow.roster;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Units read once per transaction. Starting one application walks the same four-level unit tree for its
 * readers, candidate groups, chain shape and task title: 18 look-ups of 4 units (issue 13). Kept for one
 * transaction only, so a unit changed by an import, an HQ setting or another node is seen by the next
 * transaction, and RosterWriter forgets what it changes within this one. Outside a transaction nothing is kept.
 */
final class UnitsOfTransaction {

    private static final Object KEY = new Object();

    private UnitsOfTransaction() {
    }

    static Optional<Unit> find(String code, Function<String, Optional<Unit>> read) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return read.apply(code);
        }
        @SuppressWarnings("unchecked")
        Map<String, Optional<Unit>> seen = (Map<String, Optional<Unit>>) TransactionSynchronizationManager.getResource(KEY);
        if (seen == null) {
            seen = new HashMap<>();
            TransactionSynchronizationManager.bindResource(KEY, seen);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
        }
        Optional<Unit> unit = seen.get(code);
        if (unit == null) {
            unit = read.apply(code);
            seen.put(code, unit);
        }
        return unit;
    }

    /** After a write to the unit table: this transaction reads units afresh. */
    static void forget() {
        Object seen = TransactionSynchronizationManager.getResource(KEY);
        if (seen instanceof Map<?, ?> map) {
            map.clear();
        }
    }
}
