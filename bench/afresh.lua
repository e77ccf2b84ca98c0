-- Each request asks for the page with a query parameter of its own (`afresh=<n>`), which the
-- dashboard keys its kept pages by like any other: every request works its page out afresh, as
-- the first view after a change to the board's records does. Then prints the percentiles.
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. counter)
end
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "percentiles.lua")
