package cn.gradflow.cases;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The decisions import's reader ({@link PendingListReader}) for checks outside this package: every data row's cells. */
public final class PendingListProbe {

    private PendingListProbe() {
    }

    public static List<Map<String, String>> read(File xlsx) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        PendingListReader.read(xlsx, (excelRow, cells) -> rows.add(Map.copyOf(cells)));
        return rows;
    }
}
