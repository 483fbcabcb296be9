package io.headroom4j.proxy.http;

import java.io.IOException;

/** A malformed or over-limit HTTP message, with the status a server answers it with (400, 431, 501, 505). */
final class HttpException extends IOException {

    private final int status;

    HttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status to answer with. */
    int status() {
        return status;
    }
}
