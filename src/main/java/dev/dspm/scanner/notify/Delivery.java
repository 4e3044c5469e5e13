package dev.dspm.scanner.notify;

/**
 * How one message's sending ended in this process.
 *
 * @param sent     whether the receiver took it
 * @param attempts attempts this process made
 * @param detail   what a person reads: the answer, or why it failed (never a URL or a credential)
 */
record Delivery(boolean sent, int attempts, String detail) {
}
