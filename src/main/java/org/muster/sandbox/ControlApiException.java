package org.muster.sandbox;

import org.springframework.http.HttpStatus;

/** A refusal of the control API: an HTTP status and a plain English sentence for the tester. */
final class ControlApiException extends RuntimeException {

    private final HttpStatus status;

    ControlApiException(HttpStatus status, String sentence) {
        super(sentence, null, false, false);
        this.status = status;
    }

    static ControlApiException badRequest(String sentence) {
        return new ControlApiException(HttpStatus.BAD_REQUEST, sentence);
    }

    static ControlApiException forbidden(String sentence) {
        return new ControlApiException(HttpStatus.FORBIDDEN, sentence);
    }

    static ControlApiException notFound(String sentence) {
        return new ControlApiException(HttpStatus.NOT_FOUND, sentence);
    }

    HttpStatus status() {
        return status;
    }
}
