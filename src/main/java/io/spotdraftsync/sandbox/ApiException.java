package io.spotdraftsync.sandbox;

/** An error answer, rendered with SpotDraft's error body {@code {"detail","status_code","code","message"}}. */
final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "SD_SANDBOX_INVALID_INPUT", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "SD_SANDBOX_NOT_FOUND", message);
    }

    ApiResponse toResponse() {
        return ApiResponse.error(status, code, getMessage());
    }
}
