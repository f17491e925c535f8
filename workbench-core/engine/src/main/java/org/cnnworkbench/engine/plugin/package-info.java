/** Loading plugin jars with PF4J and looking up their extensions by kind and id. */
package org.cnnworkbench.engine.plugin;
