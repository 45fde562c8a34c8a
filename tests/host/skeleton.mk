# Host tests of the skeleton: the harness's command-line selection and the
# UART drivers against register models.
build/host/test_selection: tests/host/test_selection.c tests/target/selection.c tests/target/selection.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) tests/host/test_selection.c tests/target/selection.c -o $@ $(HOST_LDLIBS)

UART_TEST_SRCS := tests/host/test_uart.c drivers/uart_pl011.c drivers/uart_dw8250.c \
                  tests/host/mmio_host.c tests/host/timer_fake.c drivers/poll.c
build/host/test_uart: $(UART_TEST_SRCS) drivers/uart.h tests/host/mmio_host.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(UART_TEST_SRCS) -o $@ $(HOST_LDLIBS)

HOST_TESTS += build/host/test_selection build/host/test_uart
