/* SPDX-License-Identifier: MIT */
/*
 * newlib's system calls for the AArch32 image (newlib's libc.a calls them
 * through its reentrant wrappers, libc/reent/; libgloss would otherwise
 * provide them). What is provided:
 *  _write     file descriptors 1 and 2 go to the UART (boot/console.c);
 *  _read      no input: 0 (end of file);
 *  _fstat, _isatty   every descriptor is a character device;
 *  _close, _lseek    refused (EBADF / ESPIPE);
 *  _sbrk      the heap-free configuration: there is no heap, every request
 *             fails with ENOMEM and is counted (newlib_heap_requests), so
 *             a self-test can prove stdio never asked (tests/target/
 *             test_boot.c, libc-heap-free). stdout and stderr are made
 *             unbuffered at boot (console_init), which is what keeps
 *             newlib's stdio from wanting a buffer from malloc;
 *  _exit, _kill, _getpid   the run ends as a crash (abort(), assert()).
 *
 * Why the full libc and not nano.specs: Debian's newlib nano build has
 * neither C99 length modifiers nor long long in its printf (%zu prints
 * "zu", %llx prints "lx": shown by the libc-formats self-test when the image
 * is built with NEWLIB_SPECS=nano.specs), and every driver prints 64-bit
 * physical addresses and sizes with them.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/stat.h>

#include "boot/console.h"
#include "boot/image.h"

#undef errno
extern int errno;

unsigned long newlib_heap_requests;

int _write(int fd, const char *buf, int len);
int _read(int fd, char *buf, int len);
int _close(int fd);
int _lseek(int fd, int off, int whence);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
void *_sbrk(ptrdiff_t incr);
void _exit(int status) __attribute__((noreturn));
int _kill(int pid, int sig);
int _getpid(void);

int _write(int fd, const char *buf, int len)
{
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	console_write(buf, (size_t)len);
	return len;
}

int _read(int fd, char *buf, int len)
{
	(void)fd;
	(void)buf;
	(void)len;
	return 0;
}

int _close(int fd)
{
	(void)fd;
	errno = EBADF;
	return -1;
}

int _lseek(int fd, int off, int whence)
{
	(void)fd;
	(void)off;
	(void)whence;
	errno = ESPIPE;
	return -1;
}

int _fstat(int fd, struct stat *st)
{
	(void)fd;
	st->st_mode = S_IFCHR;
	return 0;
}

int _isatty(int fd)
{
	(void)fd;
	return 1;
}

void *_sbrk(ptrdiff_t incr)
{
	(void)incr;
	newlib_heap_requests++;
	errno = ENOMEM;
	return (void *)-1;
}

void _exit(int status)
{
	(void)status;
	image_exit(IMAGE_EXIT_CRASH);
}

int _kill(int pid, int sig)
{
	(void)pid;
	(void)sig;
	errno = EINVAL;
	return -1;
}

int _getpid(void)
{
	return 1;
}
