/**
 * The web UI: a Javalin server with a JSON API and pages over the same store as the CLI.
 * Empty until the dashboard issue; the module exists so the layout and dependency direction
 * (web UI → engine) are fixed from the start.
 */
package org.cnnworkbench.web;
