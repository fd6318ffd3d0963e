package cn.gradflow.imports;

import java.util.Set;

/** R-ORG-02 for one run, read once: the units whose records the importing user may write ({@code all} for admins). */
record ImportScope(boolean all, Set<String> units) {

    boolean covers(String unitCode) {
        return all || units.contains(unitCode);
    }
}
