package dev.dspm.scanner.notify;

/**
 * One message to send: a channel, its recipient, and the body as it will be sent, so that a message resumed by a later
 * process is the one planned.
 *
 * @param recipient the mailbox(es) of an email, comma-separated; the channel's name for a webhook, whose URL is a
 *                  credential and never stored
 * @param subject   an email's subject; null otherwise
 * @param body      JSON for Slack, Teams and the webhook, plain text for an email
 */
record Message(Channel channel, String recipient, String subject, String body) {
}
