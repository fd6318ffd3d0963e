package cn.gradflow.common;

import java.util.List;

import cn.gradflow.web.ApiException;

/** One page of a list kept in a table: which page, how many rows in all. */
public record Page<T>(long total, int page, int size, List<T> items) {

    public static final int MAX_SIZE = 200;

    /** A page request checked: page from 0, size 1 to {@value #MAX_SIZE}. */
    public record Request(int page, int size) {

        public static Request of(Integer page, Integer size) {
            int p = page == null ? 0 : page;
            int s = size == null ? 50 : size;
            // a page past a billion rows is a typing error, and page * size stays an int
            if (p < 0 || s < 1 || s > MAX_SIZE || (long) p * s > 1_000_000_000L) {
                throw ApiException.badRequest("分页参数有误：page 从 0 起，size 为 1 至 " + MAX_SIZE);
            }
            return new Request(p, s);
        }

        public int offset() {
            return page * size;
        }
    }

    public static <T> Page<T> of(Request request, long total, List<T> items) {
        return new Page<>(total, request.page(), request.size(), items);
    }
}
