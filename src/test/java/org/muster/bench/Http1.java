package org.muster.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The little of HTTP/1.1 the benchmark's own client and fake Bot API need: a message head, then a
 * body by {@code Content-Length} or in chunks. Kept minimal so that the harness costs next to nothing.
 */
final class Http1 {

    private Http1() {
    }

    /** The start line and the headers the benchmark looks at. */
    record Head(String startLine, long contentLength, boolean chunked, boolean close) {
    }

    /** The next message head, or null at a clean end of the stream. */
    static Head readHead(InputStream in) throws IOException {
        String start = readLine(in);
        if (start == null) {
            return null;
        }
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            } else if (name.equals("connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        return new Head(start, length, chunked, close);
    }

    /** The body after {@code head}: empty when it has none. */
    static byte[] readBody(InputStream in, Head head) throws IOException {
        if (head.chunked()) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    throw new EOFException("chunked body cut short");
                }
                int semicolon = size.indexOf(';');
                int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (length == 0) {
                    // trailers, up to the empty line
                    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                        // ignored
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                readLine(in);
            }
        }
        if (head.contentLength() <= 0) {
            return new byte[0];
        }
        byte[] body = in.readNBytes((int) head.contentLength());
        if (body.length < head.contentLength()) {
            throw new EOFException("body cut short");
        }
        return body;
    }

    /** One line without its CR LF, or null at the end of the stream before any byte of it. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
            b = in.read();
        }
        return line.toString();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
