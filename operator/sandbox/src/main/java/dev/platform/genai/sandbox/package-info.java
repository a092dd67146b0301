/**
 * An in-process Kubernetes API server for {@code local} and the tests: fabric8's CRUD mock on
 * loopback, behind a dispatcher of ours that counts requests, answers what the mock cannot (access
 * reviews for leader election) and lets tests inject faults. It is a sandbox, not a cluster: no
 * scheduler, no garbage collector, no admission.
 */
package dev.platform.genai.sandbox;
