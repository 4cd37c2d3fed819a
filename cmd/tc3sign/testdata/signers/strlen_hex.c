/*
 * The hex encoder of a C TC3 signer with a mistake real ones make: it
 * loops to strlen() of the binary HMAC, so it stops before the first 0x00
 * byte (about 12% of signatures). tc3sign verify must name it.
 *
 * Reads the raw 32-byte HMAC on stdin, writes its hex as that signer does.
 * Used by cmd/tc3sign's tests (built with cc when one is installed).
 */
#include <stdio.h>
#include <string.h>

int main(void) {
	unsigned char digest[33] = {0};
	char hex[65] = {0};
	size_t i;
	if (fread(digest, 1, 32, stdin) != 32) {
		fprintf(stderr, "strlen_hex: want 32 bytes on stdin\n");
		return 2;
	}
	for (i = 0; i < strlen((const char *)digest); i++) { /* the bug: strlen of binary data */
		sprintf(hex + 2 * i, "%02x", digest[i]);
	}
	fputs(hex, stdout);
	return 0;
}
