# gnuplot bench/p2-plot.gp -- docs/p2-spawn.png from p2.dat (bench/run.sh):
# time to spawn a child that inherits a map, against the parent's memory.
set terminal pngcairo size 900,560 font "DejaVu Sans,11"
set output "docs/p2-spawn.png"
set termoption noenhanced
set xrange [0:2100]
set title "P2: spawn a child that inherits a map (median, 2-core machine)"
set xlabel "parent resident memory (MiB, touched)"
set ylabel "milliseconds (log scale)"
set logscale y
set key top left
set grid
plot "p2.dat" using 1:($3/1000) with linespoints lw 2 title "NSPR 4.35 (fork + exec)", \
     "p2.dat" using 1:($2/1000) with linespoints lw 2 title "prshm (posix_spawn, protocol 1)", \
     "p2.dat" using 1:($4/1000) with linespoints lw 2 dt 2 title "floor: posix_spawn + one dup2"
