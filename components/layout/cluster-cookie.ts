/** The cookie holding the cluster chosen in the header (read by the root layout, written by the selector). */
export const CLUSTER_COOKIE = 'rmq-console-cluster';
