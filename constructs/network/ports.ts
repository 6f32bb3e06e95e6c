/**
 * Ports of protocols that carry data or credentials in clear text. No security group may open
 * them (DPP-NP-9), and the check pack flags any that does.
 */
export const PLAINTEXT_PORTS: readonly number[] = [
  20, // FTP data
  21, // FTP
  23, // Telnet
  25, // SMTP without STARTTLS enforcement
  69, // TFTP
  80, // HTTP
  110, // POP3
  143, // IMAP
  161, // SNMP
  389, // LDAP
  512, // rexec
  513, // rlogin
  514, // rsh
  8080, // HTTP alternate
];

/** The plaintext ports that fall within [from, to]. */
export function plaintextPortsIn(from: number, to: number): number[] {
  return PLAINTEXT_PORTS.filter((port) => port >= from && port <= to);
}
