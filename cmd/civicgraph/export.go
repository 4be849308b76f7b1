package main

import "github.com/spf13/cobra"

// exportCommands are the subcommands of export, each registered from its
// own file's init().
var exportCommands []func(*app) *cobra.Command

func init() {
	commands = append(commands, func(a *app) *cobra.Command {
		cmd := &cobra.Command{
			Use:   "export",
			Short: "Write the city's records out",
		}
		for _, c := range exportCommands {
			cmd.AddCommand(c(a))
		}
		return cmd
	})
}
