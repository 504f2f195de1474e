package org.jdblink.dblink;

/** Small text helpers matching PostgreSQL's C idioms. */
final class Texts {
    private Texts() {}

    /** pchomp: the text without its trailing newlines; null stays null. */
    static String chomp(String text) {
        if (text == null) {
            return null;
        }
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }
}
