# Host tests of the skeleton: the harness's command-line selection and the
# UART drivers against register models.
build/host/test_selection: $(call host_objs,tests/host/test_selection.c tests/target/selection.c)
	$(HOST_LINK)

build/host/test_uart: $(call host_objs,tests/host/test_uart.c drivers/uart_pl011.c \
                                       drivers/uart_dw8250.c tests/host/mmio_host.c \
                                       tests/host/timer_fake.c drivers/poll.c)
	$(HOST_LINK)

HOST_TESTS += build/host/test_selection build/host/test_uart
