/**
 * {@code db} and its subcommands {@code serve}, {@code backup}, {@code restore}: the home's H2 database. May
 * use {@code home}, {@code text} and {@code cli.StopSignal}.
 */
package org.cnnworkbench.app.cli.db;
