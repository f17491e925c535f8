/**
 * The dashboard: {@code serve}, and the options and start-up shared with {@code run --serve} and
 * {@code sweep --serve}. May use {@code home}, the web module and {@code cli.StopSignal}.
 */
package org.cnnworkbench.app.cli.web;
