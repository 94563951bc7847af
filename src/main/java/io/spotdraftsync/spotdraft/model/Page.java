package io.spotdraftsync.spotdraft.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** SpotDraft's paging envelope: no cursor, no next link, no sort guarantee. */
public record Page<T>(
        Integer page,
        Integer limit,
        @JsonProperty("total_results") Long totalResults,
        List<T> results) {

    public List<T> resultsOrEmpty() {
        return results == null ? List.of() : results;
    }
}
