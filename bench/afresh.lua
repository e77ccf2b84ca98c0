-- Each request asks for the page with a value of its own appended to its URL (`?mine=n<k>`: not
-- the filter's "1", but written back into the page's links, so the dashboard keeps no page for it):
-- every request works its page out afresh, as the first view after a change to the board does.
-- Then prints the percentiles.
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "n" .. counter)
end
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "percentiles.lua")
