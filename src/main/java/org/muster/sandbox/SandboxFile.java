package org.muster.sandbox;

/** A file the bot uploaded; the bytes stay in memory (and in the state file). */
final class SandboxFile {

    String fileId;
    String fileUniqueId;
    String fileName;
    String mimeType;
    byte[] bytes;

    SandboxFile() {
    }

    SandboxFile(String fileId, String fileUniqueId, String fileName, String mimeType, byte[] bytes) {
        this.fileId = fileId;
        this.fileUniqueId = fileUniqueId;
        this.fileName = fileName;
        this.mimeType = mimeType;
        this.bytes = bytes;
    }
}
