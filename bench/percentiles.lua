-- Print the median and the 95th and 99th percentile latency in milliseconds after a wrk run.
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES %.3f %.3f %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
