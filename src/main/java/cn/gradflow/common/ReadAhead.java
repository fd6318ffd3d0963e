package cn.gradflow.common;

import java.util.HashMap;
import java.util.Map;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows read for many keys at once and kept for the rest of the current transaction (issue 13: a bulk decision's chunk
 * reads its 25 cases' rows in one query instead of one each). A hint for the reader: a key not read ahead, or
 * {@link #forget forgotten} after a write, is read as before; outside a transaction nothing is kept.
 */
public final class ReadAhead<K, V> {

    /** Whether there is a transaction to keep rows for. */
    public static boolean possible() {
        return TransactionSynchronizationManager.isSynchronizationActive();
    }

    /** Keeps these rows (a key with no row mapped to its empty value) until the transaction ends. */
    public void keep(Map<K, V> read) {
        if (!possible()) {
            return;
        }
        Map<K, V> kept = kept();
        if (kept == null) {
            kept = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, kept);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ReadAhead.this);
                }
            });
        }
        kept.putAll(read);
    }

    /** What was read ahead for the key in this transaction, or null. */
    public V get(K key) {
        Map<K, V> kept = possible() ? kept() : null;
        return kept == null ? null : kept.get(key);
    }

    /** After a write of the key's rows: this transaction reads them afresh. */
    public void forget(K key) {
        Map<K, V> kept = possible() ? kept() : null;
        if (kept != null) {
            kept.remove(key);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<K, V> kept() {
        return (Map<K, V>) TransactionSynchronizationManager.getResource(this);
    }
}
