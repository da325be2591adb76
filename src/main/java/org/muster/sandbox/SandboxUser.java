package org.muster.sandbox;

/** A Telegram user played by a tester. Fields are read and written by the state file as they are. */
final class SandboxUser {

    long id;
    String firstName;
    String lastName;
    String username;
    String languageCode;

    SandboxUser() {
    }

    SandboxUser(long id, String firstName, String lastName, String username, String languageCode) {
        this.id = id;
        this.firstName = firstName;
        this.lastName = lastName;
        this.username = username;
        this.languageCode = languageCode;
    }

    String fullName() {
        return lastName == null || lastName.isEmpty() ? firstName : firstName + " " + lastName;
    }
}
