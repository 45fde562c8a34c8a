# The bounded waits (drivers/poll.c) on the fake clock, running and stopped.
build/host/test_poll: $(call host_objs,tests/host/test_poll.c drivers/poll.c \
                                       tests/host/mmio_host.c tests/host/timer_fake.c)
	$(HOST_LINK)

HOST_TESTS += build/host/test_poll
