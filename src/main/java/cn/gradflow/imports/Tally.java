package cn.gradflow.imports;

/** What applying did, row by row: a re-import of the same file counts only {@code unchanged}. */
final class Tally {

    long created;
    long updated;
    long unchanged;

    long applied() {
        return created + updated + unchanged;
    }
}
