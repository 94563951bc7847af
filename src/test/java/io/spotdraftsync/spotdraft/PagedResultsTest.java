package io.spotdraftsync.spotdraft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.spotdraftsync.spotdraft.model.Page;

import org.junit.jupiter.api.Test;

class PagedResultsTest {

    private final List<Integer> pagesAsked = new ArrayList<>();

    @Test
    void coversTheTotalInCeilNOverLimitCalls() {
        List<String> read = new PagedResults<>(pages(300, 100), id -> id).stream().toList();
        assertThat(read).hasSize(300).doesNotHaveDuplicates();
        assertThat(pagesAsked).containsExactly(1, 2, 3);
    }

    @Test
    void stopsOnAShortPage() {
        assertThat(new PagedResults<>(pages(250, 100), id -> id).stream().count()).isEqualTo(250);
        assertThat(pagesAsked).containsExactly(1, 2, 3);
    }

    @Test
    void stopsOnAnEmptyPageEvenWhenTheTotalSaysMore() {
        IntFunction<Page<String>> lying = page -> {
            pagesAsked.add(page);
            return page == 1 ? new Page<>(1, 2, 10L, List.of("a", "b")) : new Page<>(page, 2, 10L, List.of());
        };
        assertThat(new PagedResults<>(lying, id -> id).stream().toList()).containsExactly("a", "b");
        assertThat(pagesAsked).containsExactly(1, 2);
    }

    @Test
    void skipsItemsThatAShiftedPageShowsTwiceAndFollowsAGrowingTotal() {
        IntFunction<Page<String>> shifting = page -> {
            pagesAsked.add(page);
            return switch (page) {
                case 1 -> new Page<>(1, 2, 4L, List.of("a", "b"));
                // "b" moved onto page 2 and a new contract raised the total while we read
                case 2 -> new Page<>(2, 2, 5L, List.of("b", "c"));
                case 3 -> new Page<>(3, 2, 5L, List.of("d"));
                default -> new Page<>(page, 2, 5L, List.of());
            };
        };
        assertThat(new PagedResults<>(shifting, id -> id).stream().toList()).containsExactly("a", "b", "c", "d");
        assertThat(pagesAsked).containsExactly(1, 2, 3);
    }

    @Test
    void usesTheLimitTheServerReportsNotTheOneAskedFor() {
        // a server that clamps the page size to 2 must not look like a short last page
        IntFunction<Page<String>> clamped = page -> {
            pagesAsked.add(page);
            return page <= 2 ? new Page<>(page, 2, null, List.of("x" + page, "y" + page)) : new Page<>(page, 2, null, List.of());
        };
        assertThat(new PagedResults<>(clamped, id -> id).stream().count()).isEqualTo(4);
    }

    private IntFunction<Page<String>> pages(int total, int limit) {
        return page -> {
            pagesAsked.add(page);
            List<String> items = new ArrayList<>();
            for (int i = (page - 1) * limit; i < Math.min(total, page * limit); i++) {
                items.add("T-" + i);
            }
            return new Page<>(page, limit, (long) total, items);
        };
    }
}
