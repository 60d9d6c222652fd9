package io.localtrust.names.api;

import java.util.Map;

/**
 * What an endpoint answers.
 *
 * @param status      HTTP status
 * @param contentType the body's media type
 * @param body        the bytes
 * @param headers     further headers (Retry-After)
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, "application/json", body, Map.of());
    }
}
